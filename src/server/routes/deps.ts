// What every route module receives from the app.
import type { BackendConfig } from '../../core/model/config.js';
import type { TokenIssuer } from '../auth.js';
import type { ResolvedOptions } from '../config.js';
import type { Db } from '../db.js';
import type { EventsHub } from '../events-hub.js';
import type { RecordFiles } from '../record-files.js';
import type { CaseStore } from '../store.js';

/** The server's parts, shared by the route modules. */
export interface Deps {
  db: Db;
  store: CaseStore;
  hub: EventsHub;
  files: RecordFiles;
  tokens: TokenIssuer;
  config: BackendConfig;
  options: ResolvedOptions;
}
