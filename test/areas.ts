/** Small areas for endpoint tests: central Vienna (inside the demo store) and a self-intersecting bow tie. */
export const VIENNA_GEOJSON = {
  type: 'Polygon',
  coordinates: [
    [
      [16.355, 48.2],
      [16.385, 48.198],
      [16.392, 48.212],
      [16.37, 48.218],
      [16.355, 48.2],
    ],
  ],
};
export const BOWTIE_GEOJSON = {
  type: 'Polygon',
  coordinates: [
    [
      [16.3, 48.1],
      [16.4, 48.2],
      [16.4, 48.1],
      [16.3, 48.2],
      [16.3, 48.1],
    ],
  ],
};
