/**
 * Tile-grid maps: one equal square per region, placed at its rough position, so the map states
 * no border (maps of China published in China need an approval number for their borders; a tile
 * grid draws none) and small regions weigh as much as large ones.
 */

/**
 * China's 34 province-level divisions (ISO 3166-2:CN): [code, column, row].
 * @type {ReadonlyArray<readonly [string, number, number]>}
 */
export const CHINA_TILES = [
  ['CN-HL', 8, 0],
  ['CN-XJ', 1, 1],
  ['CN-GS', 3, 1],
  ['CN-NM', 4, 1],
  ['CN-BJ', 6, 1],
  ['CN-LN', 7, 1],
  ['CN-JL', 8, 1],
  ['CN-QH', 2, 2],
  ['CN-NX', 3, 2],
  ['CN-SX', 4, 2],
  ['CN-HE', 5, 2],
  ['CN-TJ', 6, 2],
  ['CN-XZ', 1, 3],
  ['CN-SC', 2, 3],
  ['CN-SN', 3, 3],
  ['CN-HA', 4, 3],
  ['CN-SD', 5, 3],
  ['CN-CQ', 3, 4],
  ['CN-HB', 4, 4],
  ['CN-AH', 5, 4],
  ['CN-JS', 6, 4],
  ['CN-SH', 7, 4],
  ['CN-YN', 2, 5],
  ['CN-GZ', 3, 5],
  ['CN-HN', 4, 5],
  ['CN-JX', 5, 5],
  ['CN-ZJ', 6, 5],
  ['CN-GX', 3, 6],
  ['CN-GD', 4, 6],
  ['CN-FJ', 5, 6],
  ['CN-TW', 6, 6],
  ['CN-HI', 3, 7],
  ['CN-MO', 4, 7],
  ['CN-HK', 5, 7],
];

/**
 * The 50 US states and DC (ISO 3166-2:US), in the common tile-grid arrangement.
 * @type {ReadonlyArray<readonly [string, number, number]>}
 */
export const US_TILES = [
  ['US-AK', 0, 0],
  ['US-ME', 11, 0],
  ['US-VT', 10, 1],
  ['US-NH', 11, 1],
  ['US-WA', 1, 2],
  ['US-ID', 2, 2],
  ['US-MT', 3, 2],
  ['US-ND', 4, 2],
  ['US-MN', 5, 2],
  ['US-WI', 6, 2],
  ['US-MI', 8, 2],
  ['US-NY', 9, 2],
  ['US-MA', 10, 2],
  ['US-OR', 1, 3],
  ['US-NV', 2, 3],
  ['US-WY', 3, 3],
  ['US-SD', 4, 3],
  ['US-IA', 5, 3],
  ['US-IL', 6, 3],
  ['US-IN', 7, 3],
  ['US-OH', 8, 3],
  ['US-PA', 9, 3],
  ['US-NJ', 10, 3],
  ['US-CT', 11, 3],
  ['US-CA', 1, 4],
  ['US-UT', 2, 4],
  ['US-CO', 3, 4],
  ['US-NE', 4, 4],
  ['US-MO', 5, 4],
  ['US-KY', 6, 4],
  ['US-WV', 7, 4],
  ['US-VA', 8, 4],
  ['US-MD', 9, 4],
  ['US-DE', 10, 4],
  ['US-RI', 11, 4],
  ['US-AZ', 2, 5],
  ['US-NM', 3, 5],
  ['US-KS', 4, 5],
  ['US-AR', 5, 5],
  ['US-TN', 6, 5],
  ['US-NC', 7, 5],
  ['US-SC', 8, 5],
  ['US-DC', 9, 5],
  ['US-OK', 4, 6],
  ['US-LA', 5, 6],
  ['US-MS', 6, 6],
  ['US-AL', 7, 6],
  ['US-GA', 8, 6],
  ['US-HI', 0, 7],
  ['US-TX', 4, 7],
  ['US-FL', 9, 7],
];

/** @type {Readonly<Record<string, ReadonlyArray<readonly [string, number, number]>>>} */
export const TILE_GRIDS = { CN: CHINA_TILES, US: US_TILES };
