/**
 * The Chromium the end-to-end tests and the bench drive: /usr/bin/chromium (Debian's package, as .ci/run installs
 * it) unless the CHROMIUM environment variable names another, e.g. on a machine where it lives elsewhere.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM || '/usr/bin/chromium';
