import { loadConfig, requireDatabaseUrl } from '@switchboard/config';
import { migrate } from '@switchboard/persistence';

/** `npm run migration:run`: applies pending migrations to DATABASE_URL (a deploy step). */
migrate(requireDatabaseUrl(loadConfig()))
  .then((ran) => {
    console.log(ran.length ? `applied: ${ran.join(', ')}` : 'schema is up to date');
  })
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
