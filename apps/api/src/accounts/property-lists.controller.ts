import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import type { AccessScope } from '../auth/access-scope';
import { Scope } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.pipe';
import { PropertyListList, PropertyListView } from './accounts.view';
import { SavePropertyListDto } from './dto';
import { PropertyListsService } from './property-lists.service';

const listId = new UuidParam('listId');

@Controller({ path: 'property-lists', version: '1' })
export class PropertyListsController {
  constructor(private readonly lists: PropertyListsService) {}

  @Post()
  create(@Scope() scope: AccessScope, @Body() dto: SavePropertyListDto): Promise<PropertyListView> {
    return this.lists.save(scope, dto);
  }

  @Get()
  async list(@Scope() scope: AccessScope): Promise<PropertyListList> {
    return { items: await this.lists.list(scope) };
  }

  @Get(':listId')
  get(@Scope() scope: AccessScope, @Param('listId', listId) id: string): Promise<PropertyListView> {
    return this.lists.get(scope, id);
  }

  @Put(':listId')
  replace(
    @Scope() scope: AccessScope,
    @Param('listId', listId) id: string,
    @Body() dto: SavePropertyListDto,
  ): Promise<PropertyListView> {
    return this.lists.save(scope, dto, id);
  }

  @Delete(':listId')
  @HttpCode(204)
  async remove(@Scope() scope: AccessScope, @Param('listId', listId) id: string) {
    await this.lists.remove(scope, id);
  }
}
