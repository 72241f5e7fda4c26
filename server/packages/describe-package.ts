/**
 * What a package says about itself: ISO 19115 metadata as ISO 19139 XML (INSPIRE-style: title, abstract, dates,
 * extent, CRS, resolution, lineage with the order id, product version, licence, contact) and a STAC 1.0 Item
 * (projection, raster/classification extensions) describing the data file.
 */
import { CLASSES, NODATA } from '../storage/legend';
import { escapeXml } from './escape-xml';

export type PackageDescription = {
  /** File base name, e.g. CLMS_CLCplus_RASTER_2021_010m_<order>_03035_V1_1. */
  name: string;
  kind: 'raster' | 'vector';
  orderId: string;
  productCode: string;
  year: number;
  version: string;
  epsg: number;
  /** Extent in the package CRS and in EPSG:4326 (west, south, east, north). */
  bbox: [number, number, number, number];
  bbox4326: [number, number, number, number];
  /** The footprint (GeoJSON, EPSG:4326) if known. */
  footprint?: object;
  /** What was cut: "an area of interest (123.4 km²)", "Austria", "Europe". */
  area: string;
  created: Date;
  dataFile: string;
  /** Raster: size in pixels; vector: feature count. */
  width?: number;
  height?: number;
  features?: number;
  /** Raster: pixel counts per class value. */
  counts?: Record<number, number>;
  sha256?: string;
};

const esc = escapeXml;
const cs = (v: string) => `<gco:CharacterString>${esc(v)}</gco:CharacterString>`;

export function titleOf(d: PackageDescription) {
  return `CLC+ Backbone ${d.year} ${d.kind === 'raster' ? '10 m raster' : 'vector'} product (${d.version.replace('_', '.')}), ${d.area}`;
}

function abstractOf(d: PackageDescription) {
  return (
    `Copernicus Land Monitoring Service CLC+ Backbone, reference year ${d.year}: a ${d.kind === 'raster' ? '10 m raster' : 'polygon vector'} ` +
    `land-cover product with 11 classes (${CLASSES.map((c) => c.name).join('; ')}). ` +
    `This package holds ${d.area}, delivered in EPSG:${d.epsg}.`
  );
}

export function isoMetadataXml(d: PackageDescription): string {
  const [w, s, e, n] = d.bbox4326;
  const date = d.created.toISOString();
  const lineage =
    `Cut from the CLC+ Backbone product store (${d.productCode} ${d.year}, ${d.version}) for order ${d.orderId} on ${date.slice(0, 10)}. ` +
    (d.kind === 'raster'
      ? `Pixels on the product's 10 m grid, nearest neighbour, outside the area set to ${NODATA} (no data).`
      : 'Polygons intersecting the area, clipped exactly to it, geometries validated.');
  const resolution =
    d.kind === 'raster'
      ? `<gmd:spatialResolution><gmd:MD_Resolution><gmd:distance><gco:Distance uom="m">10</gco:Distance></gmd:distance></gmd:MD_Resolution></gmd:spatialResolution>`
      : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<gmd:MD_Metadata xmlns:gmd="http://www.isotc211.org/2005/gmd" xmlns:gco="http://www.isotc211.org/2005/gco"
  xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:gmx="http://www.isotc211.org/2005/gmx" xmlns:xlink="http://www.w3.org/1999/xlink">
  <gmd:fileIdentifier>${cs(`${d.name}`)}</gmd:fileIdentifier>
  <gmd:language><gmd:LanguageCode codeList="http://www.loc.gov/standards/iso639-2/" codeListValue="eng">eng</gmd:LanguageCode></gmd:language>
  <gmd:characterSet><gmd:MD_CharacterSetCode codeList="http://standards.iso.org/iso/19139/resources/gmxCodelists.xml#MD_CharacterSetCode" codeListValue="utf8">utf8</gmd:MD_CharacterSetCode></gmd:characterSet>
  <gmd:hierarchyLevel><gmd:MD_ScopeCode codeList="http://standards.iso.org/iso/19139/resources/gmxCodelists.xml#MD_ScopeCode" codeListValue="dataset">dataset</gmd:MD_ScopeCode></gmd:hierarchyLevel>
  <gmd:contact>
    <gmd:CI_ResponsibleParty>
      <gmd:organisationName>${cs('European Environment Agency')}</gmd:organisationName>
      <gmd:contactInfo><gmd:CI_Contact><gmd:address><gmd:CI_Address><gmd:electronicMailAddress>${cs('copernicus@eea.europa.eu')}</gmd:electronicMailAddress></gmd:CI_Address></gmd:address></gmd:CI_Contact></gmd:contactInfo>
      <gmd:role><gmd:CI_RoleCode codeList="http://standards.iso.org/iso/19139/resources/gmxCodelists.xml#CI_RoleCode" codeListValue="pointOfContact">pointOfContact</gmd:CI_RoleCode></gmd:role>
    </gmd:CI_ResponsibleParty>
  </gmd:contact>
  <gmd:dateStamp><gco:DateTime>${date}</gco:DateTime></gmd:dateStamp>
  <gmd:metadataStandardName>${cs('ISO 19115:2003/19139')}</gmd:metadataStandardName>
  <gmd:metadataStandardVersion>${cs('1.0')}</gmd:metadataStandardVersion>
  <gmd:referenceSystemInfo>
    <gmd:MD_ReferenceSystem>
      <gmd:referenceSystemIdentifier><gmd:RS_Identifier>
        <gmd:code><gmx:Anchor xlink:href="http://www.opengis.net/def/crs/EPSG/0/${d.epsg}">EPSG:${d.epsg}</gmx:Anchor></gmd:code>
        <gmd:codeSpace>${cs('EPSG')}</gmd:codeSpace>
      </gmd:RS_Identifier></gmd:referenceSystemIdentifier>
    </gmd:MD_ReferenceSystem>
  </gmd:referenceSystemInfo>
  <gmd:identificationInfo>
    <gmd:MD_DataIdentification>
      <gmd:citation>
        <gmd:CI_Citation>
          <gmd:title>${cs(titleOf(d))}</gmd:title>
          <gmd:date><gmd:CI_Date><gmd:date><gco:DateTime>${date}</gco:DateTime></gmd:date>
            <gmd:dateType><gmd:CI_DateTypeCode codeList="http://standards.iso.org/iso/19139/resources/gmxCodelists.xml#CI_DateTypeCode" codeListValue="creation">creation</gmd:CI_DateTypeCode></gmd:dateType></gmd:CI_Date></gmd:date>
          <gmd:edition>${cs(d.version)}</gmd:edition>
          <gmd:identifier><gmd:RS_Identifier><gmd:code>${cs(`order:${d.orderId}`)}</gmd:code></gmd:RS_Identifier></gmd:identifier>
        </gmd:CI_Citation>
      </gmd:citation>
      <gmd:abstract>${cs(abstractOf(d))}</gmd:abstract>
      <gmd:resourceConstraints><gmd:MD_LegalConstraints><gmd:otherConstraints>${cs(
        'Copernicus data and information policy (Regulation (EU) No 1159/2013): free, full and open access.',
      )}</gmd:otherConstraints></gmd:MD_LegalConstraints></gmd:resourceConstraints>
      <gmd:spatialRepresentationType><gmd:MD_SpatialRepresentationTypeCode codeList="http://standards.iso.org/iso/19139/resources/gmxCodelists.xml#MD_SpatialRepresentationTypeCode" codeListValue="${d.kind === 'raster' ? 'grid' : 'vector'}">${d.kind === 'raster' ? 'grid' : 'vector'}</gmd:MD_SpatialRepresentationTypeCode></gmd:spatialRepresentationType>
      ${resolution}
      <gmd:language><gmd:LanguageCode codeList="http://www.loc.gov/standards/iso639-2/" codeListValue="eng">eng</gmd:LanguageCode></gmd:language>
      <gmd:topicCategory><gmd:MD_TopicCategoryCode>imageryBaseMapsEarthCover</gmd:MD_TopicCategoryCode></gmd:topicCategory>
      <gmd:extent>
        <gmd:EX_Extent>
          <gmd:geographicElement>
            <gmd:EX_GeographicBoundingBox>
              <gmd:westBoundLongitude><gco:Decimal>${w}</gco:Decimal></gmd:westBoundLongitude>
              <gmd:eastBoundLongitude><gco:Decimal>${e}</gco:Decimal></gmd:eastBoundLongitude>
              <gmd:southBoundLatitude><gco:Decimal>${s}</gco:Decimal></gmd:southBoundLatitude>
              <gmd:northBoundLatitude><gco:Decimal>${n}</gco:Decimal></gmd:northBoundLatitude>
            </gmd:EX_GeographicBoundingBox>
          </gmd:geographicElement>
          <gmd:temporalElement><gmd:EX_TemporalExtent><gmd:extent>
            <gml:TimePeriod gml:id="reference-year"><gml:beginPosition>${d.year}-01-01</gml:beginPosition><gml:endPosition>${d.year}-12-31</gml:endPosition></gml:TimePeriod>
          </gmd:extent></gmd:EX_TemporalExtent></gmd:temporalElement>
        </gmd:EX_Extent>
      </gmd:extent>
    </gmd:MD_DataIdentification>
  </gmd:identificationInfo>
  <gmd:distributionInfo>
    <gmd:MD_Distribution>
      <gmd:distributionFormat><gmd:MD_Format><gmd:name>${cs(d.kind === 'raster' ? 'GeoTIFF (Cloud Optimized)' : 'GeoPackage')}</gmd:name><gmd:version>${cs(d.kind === 'raster' ? '1.1' : '1.3')}</gmd:version></gmd:MD_Format></gmd:distributionFormat>
    </gmd:MD_Distribution>
  </gmd:distributionInfo>
  <gmd:dataQualityInfo>
    <gmd:DQ_DataQuality>
      <gmd:scope><gmd:DQ_Scope><gmd:level><gmd:MD_ScopeCode codeList="http://standards.iso.org/iso/19139/resources/gmxCodelists.xml#MD_ScopeCode" codeListValue="dataset">dataset</gmd:MD_ScopeCode></gmd:level></gmd:DQ_Scope></gmd:scope>
      <gmd:lineage><gmd:LI_Lineage><gmd:statement>${cs(lineage)}</gmd:statement></gmd:LI_Lineage></gmd:lineage>
    </gmd:DQ_DataQuality>
  </gmd:dataQualityInfo>
</gmd:MD_Metadata>
`;
}

/** A STAC 1.0.0 Item for the data file of the package. */
export function stacItem(d: PackageDescription): Record<string, unknown> {
  const [w, s, e, n] = d.bbox4326;
  const classes = CLASSES.map((c) => ({ value: c.code, name: c.slug, description: c.name, color_hint: c.color.slice(1) }));
  const asset =
    d.kind === 'raster'
      ? {
          href: `./${d.dataFile}`,
          type: 'image/tiff; application=geotiff; profile=cloud-optimized',
          title: titleOf(d),
          roles: ['data'],
          'proj:shape': [d.height, d.width],
          'proj:transform': [10, 0, d.bbox[0], 0, -10, d.bbox[3], 0, 0, 1],
          'raster:bands': [{ data_type: 'uint8', nodata: NODATA, spatial_resolution: 10, sampling: 'area' }],
          'classification:classes': classes,
          ...(d.sha256 ? { 'file:checksum': `1220${d.sha256}` } : {}),
        }
      : {
          href: `./${d.dataFile}`,
          type: 'application/geopackage+sqlite3',
          title: titleOf(d),
          roles: ['data'],
          'classification:classes': classes,
          ...(d.sha256 ? { 'file:checksum': `1220${d.sha256}` } : {}),
        };
  return {
    type: 'Feature',
    stac_version: '1.0.0',
    stac_extensions: [
      'https://stac-extensions.github.io/projection/v1.1.0/schema.json',
      'https://stac-extensions.github.io/raster/v1.1.0/schema.json',
      'https://stac-extensions.github.io/classification/v1.1.0/schema.json',
      'https://stac-extensions.github.io/file/v2.1.0/schema.json',
    ],
    id: d.name,
    bbox: [w, s, e, n],
    geometry: d.footprint ?? {
      type: 'Polygon',
      coordinates: [
        [
          [w, s],
          [e, s],
          [e, n],
          [w, n],
          [w, s],
        ],
      ],
    },
    properties: {
      title: titleOf(d),
      description: abstractOf(d),
      datetime: null,
      start_datetime: `${d.year}-01-01T00:00:00Z`,
      end_datetime: `${d.year}-12-31T23:59:59Z`,
      created: d.created.toISOString(),
      'proj:epsg': d.epsg,
      'proj:bbox': d.bbox,
      version: d.version,
      'clcplus:order_id': d.orderId,
      'clcplus:product': d.productCode,
      ...(d.features !== undefined ? { 'clcplus:features': d.features } : {}),
      license: 'proprietary',
      providers: [{ name: 'European Environment Agency', roles: ['licensor', 'host'], url: 'https://land.copernicus.eu' }],
    },
    links: [{ rel: 'license', href: 'https://land.copernicus.eu/en/data-policy', title: 'Copernicus data policy' }],
    assets: { data: asset },
  };
}
