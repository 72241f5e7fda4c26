/**
 * Sidecar files that make a package open styled and labelled: QGIS styles (.qml, paletted raster / categorized
 * polygons on the `class` code), OGC SLD 1.0 styles, and the legend as text and CSV. All from the one legend
 * (data/clcplus-legend.csv).
 */
import { CLASSES, LEGEND, NODATA } from '../storage/legend';
import { escapeXml } from './escape-xml';

const esc = escapeXml;

/** QGIS raster style: paletted renderer with one entry per class (no data transparent). */
export function rasterQml(): string {
  const entries = LEGEND.filter((c) => c.code !== NODATA)
    .map((c) => `        <paletteEntry value="${c.code}" color="${c.color.toLowerCase()}" alpha="255" label="${esc(c.name)}"/>`)
    .join('\n');
  return `<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.28.0" styleCategories="AllStyleCategories">
  <pipe>
    <provider>
      <resampling enabled="false" zoomedInResamplingMethod="nearestNeighbour" zoomedOutResamplingMethod="nearestNeighbour" maxOversampling="2"/>
    </provider>
    <rasterrenderer type="paletted" band="1" opacity="1" alphaBand="-1" nodataColor="">
      <rasterTransparency/>
      <minMaxOrigin><limits>None</limits><extent>WholeRaster</extent><statAccuracy>Estimated</statAccuracy></minMaxOrigin>
      <colorPalette>
${entries}
      </colorPalette>
    </rasterrenderer>
    <brightnesscontrast brightness="0" contrast="0" gamma="1"/>
    <huesaturation saturation="0" colorizeOn="0" grayscaleMode="0" invertColors="0"/>
    <rasterresampler maxOversampling="2"/>
  </pipe>
  <blendMode>0</blendMode>
</qgis>
`;
}

/** QGIS vector style: polygons categorized on `field` (the class code). */
export function vectorQml(field = 'class'): string {
  const cats = CLASSES.map(
    (c, i) => `      <category value="${c.code}" symbol="${i}" label="${esc(c.name)}" render="true"/>`,
  ).join('\n');
  const symbols = CLASSES.map((c, i) => {
    const [r, g, b] = c.rgb;
    return `      <symbol type="fill" name="${i}" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" value="${r},${g},${b},255" type="QString"/>
            <Option name="outline_color" value="${Math.round(r * 0.6)},${Math.round(g * 0.6)},${Math.round(b * 0.6)},255" type="QString"/>
            <Option name="outline_style" value="solid" type="QString"/>
            <Option name="outline_width" value="0.1" type="QString"/>
            <Option name="style" value="solid" type="QString"/>
          </Option>
        </layer>
      </symbol>`;
  }).join('\n');
  return `<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.28.0" styleCategories="Symbology">
  <renderer-v2 type="categorizedSymbol" attr="${field}" symbollevels="0" enableorderby="0" forceraster="0">
    <categories>
${cats}
    </categories>
    <symbols>
${symbols}
    </symbols>
  </renderer-v2>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
</qgis>
`;
}

const SLD_HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
  xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">`;

export function rasterSld(layer: string): string {
  const entries = LEGEND.filter((c) => c.code !== NODATA)
    .map((c) => `            <ColorMapEntry color="${c.color}" quantity="${c.code}" label="${esc(c.name)}" opacity="1"/>`)
    .join('\n');
  return `${SLD_HEAD}
  <NamedLayer>
    <Name>${esc(layer)}</Name>
    <UserStyle>
      <Title>CLC+ Backbone raster</Title>
      <FeatureTypeStyle>
        <Rule>
          <RasterSymbolizer>
            <Opacity>1.0</Opacity>
            <ColorMap type="values">
            <ColorMapEntry color="#000000" quantity="${NODATA}" label="No data" opacity="0"/>
${entries}
            </ColorMap>
          </RasterSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
`;
}

export function vectorSld(layer: string, field = 'class'): string {
  const rules = CLASSES.map(
    (c) => `        <Rule>
          <Name>${c.code}</Name>
          <Title>${esc(c.name)}</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>${field}</ogc:PropertyName><ogc:Literal>${c.code}</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Fill><CssParameter name="fill">${c.color}</CssParameter></Fill>
            <Stroke><CssParameter name="stroke">#333333</CssParameter><CssParameter name="stroke-width">0.2</CssParameter></Stroke>
          </PolygonSymbolizer>
        </Rule>`,
  ).join('\n');
  return `${SLD_HEAD}
  <NamedLayer>
    <Name>${esc(layer)}</Name>
    <UserStyle>
      <Title>CLC+ Backbone vector</Title>
      <FeatureTypeStyle>
${rules}
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
`;
}

/** The legend as the reference's class text file: `code<TAB>name`, one per line. */
export const legendTxt = () => LEGEND.map((c) => `${c.code}\t${c.name}`).join('\n') + '\n';

/** The legend as CSV with colours (RFC 4180). */
export const legendCsv = () =>
  'code,class_name,colour_hex,red,green,blue\n' +
  LEGEND.map((c) => `${c.code},"${c.name.replace(/"/g, '""')}",${c.color},${c.rgb.join(',')}`).join('\n') +
  '\n';
