/**
 * The versions a new app depends on: this release of Kiln and the React it is built and tested
 * with. Kept equal to Kiln's own package.json (and this package's version to Kiln's) by a test
 * in Kiln's repository, since the scaffolder runs without Kiln installed.
 */
export const KILN_VERSION = '0.1.0';
export const REACT_VERSION = '19.3.1';
export const TYPES_REACT_VERSION = '19.3.0';
export const TYPESCRIPT_VERSION = '5.9.3';
