/**
 * The UI's pages, in the order of the header's links; the first is the default (an unknown hash
 * shows it). To add a page: write `pages/<name>.js` exporting a {@link Page} (its `path`, the
 * header link's `nav` string and the capability it `needs`, and `render`), add its strings to
 * i18n.js in both languages, and list it here.
 */
import { dashboardPage } from './dashboard.js';
import { profilePage } from './profile.js';
import { savedSearchesPage } from './saved-searches.js';
import { searchPage } from './search.js';
import { talentMapPage } from './talent-map.js';
import { technologiesPage, technologyPage } from './technologies.js';

/** @typedef {import('../router.js').Page} Page */

/** @type {readonly Page[]} */
export const pages = [
  searchPage,
  profilePage,
  dashboardPage,
  talentMapPage,
  technologiesPage,
  technologyPage,
  savedSearchesPage,
];
