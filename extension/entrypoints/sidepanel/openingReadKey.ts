/** Where the classic script entrypoints/panel-read.ts leaves its promise for the panel's modules. */
export const OPENING_READ = '__pianqutongOpeningRead';
