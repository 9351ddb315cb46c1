export type { TestPostgres } from './start-postgres.js';
export { startPostgres } from './start-postgres.js';
export {
  addSensorRows,
  createSensorTable,
  SENSOR_QUERY,
  SENSOR_SCHEMA,
  writeSensorWorkspace,
} from './sensor-table.js';
