export * from './parse-xml.js';
