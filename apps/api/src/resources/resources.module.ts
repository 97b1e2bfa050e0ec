import { Module } from '@nestjs/common';
import { PropertiesModule } from '../properties/properties.module';
import { RecordingsModule } from '../recordings/recordings.module';
import { AgentPresenceController } from './agents/agent-presence.controller';
import { AgentsController } from './agents/agents.controller';
import { AgentsService } from './agents/agents.service';
import { AudioController } from './audio/audio.controller';
import { AudioService } from './audio/audio.service';
import { MediaController } from './audio/media.controller';
import { blobStoreProvider } from './audio/media-storage';
import { ResourceReferences } from './resource-references';
import { RingGroupsController } from './ring-groups/ring-groups.controller';
import { RingGroupsService } from './ring-groups/ring-groups.service';
import { SchedulesController } from './schedules/schedules.controller';
import { SchedulesService } from './schedules/schedules.service';
import { VoicemailBoxesController } from './voicemail-boxes/voicemail-boxes.controller';
import { VoicemailBoxesService } from './voicemail-boxes/voicemail-boxes.service';
import { VoicemailMessagesController } from './voicemail-boxes/voicemail-messages.controller';
import { VoicemailMessagesService } from './voicemail-boxes/voicemail-messages.service';

/** What call flows name by id: schedules, agents, ring groups, audio files, voicemail boxes (and their messages). */
@Module({
  imports: [PropertiesModule, RecordingsModule],
  controllers: [
    SchedulesController,
    AgentsController,
    AgentPresenceController,
    RingGroupsController,
    AudioController,
    MediaController,
    VoicemailBoxesController,
    VoicemailMessagesController,
  ],
  providers: [
    SchedulesService,
    AgentsService,
    RingGroupsService,
    AudioService,
    VoicemailBoxesService,
    VoicemailMessagesService,
    blobStoreProvider,
    ResourceReferences,
  ],
  // Bundles write through these services, so every rule stays in one place.
  exports: [SchedulesService, AgentsService, RingGroupsService, AudioService, VoicemailBoxesService],
})
export class ResourcesModule {}
