/** The query service: HTTP API and web UI (see docs/query-service.md). */
export {
  buildApp,
  startServer,
  type ApiApp,
  type ApiOptions,
  type RunningServer,
  type StartServerOptions,
} from './server.js';
export { ensureLocalAdminKey, LOCAL_ADMIN_KEY_NAME, type LocalAdminKey } from './access/local-admin-key.js';
export { generateApiKey, hashApiKey, type Caller } from './access/api-keys.js';
export { ROLES, type Role } from './access/roles.js';
