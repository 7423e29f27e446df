/** The names that make the data directory and the app-private origin the same for app, CLI and tests. */
export const APP_NAME = 'Papertape';
export const APP_PROTOCOL = 'papertape';
export const APP_ORIGIN = `${APP_PROTOCOL}://app`;
export const DATA_DIR_ENV = 'PAPERTAPE_DATA_DIR';
export const DATABASE_FILE = 'papertape.db';
