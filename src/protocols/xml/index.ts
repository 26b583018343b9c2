/**
 * @module protocols/xml
 * Model-driven XML reading and writing shared by the Query and REST-XML codecs.
 */
export { escapeXml, escapeXmlText } from './escape.js';
export { parseXmlDocument, readScalar, readShape } from './read-shape.js';
export { scalarText, writeElement, writeMembers, type XmlWriteOptions } from './write-shape.js';
