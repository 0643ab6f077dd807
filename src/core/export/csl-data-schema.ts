/**
 * Test data: the CSL-JSON input schema, written here from the CSL specification because no npm package ships
 * it (checked: citeproc, csl-json, @citation-js/*). Source: the Citation Style Language schema, file
 * schemas/input/csl-data.json (CSL 1.0.2), and the CSL 1.0.2 specification's Appendix IV (variables). Same
 * constraints: the item types, required `type` and `id`, no unknown properties, name and date variables.
 */

const ITEM_TYPES = [
  'article', 'article-journal', 'article-magazine', 'article-newspaper', 'bill', 'book', 'broadcast', 'chapter', 'classic',
  'collection', 'dataset', 'document', 'entry', 'entry-dictionary', 'entry-encyclopedia', 'event', 'figure', 'graphic',
  'hearing', 'interview', 'legal_case', 'legislation', 'manuscript', 'map', 'motion_picture', 'musical_score', 'pamphlet',
  'paper-conference', 'patent', 'performance', 'periodical', 'personal_communication', 'post', 'post-weblog', 'regulation',
  'report', 'review', 'review-book', 'software', 'song', 'speech', 'standard', 'thesis', 'treaty', 'webpage',
];

const NAME_VARIABLES = [
  'author', 'chair', 'collection-editor', 'compiler', 'composer', 'container-author', 'contributor', 'curator', 'director',
  'editor', 'editorial-director', 'executive-producer', 'guest', 'host', 'interviewer', 'illustrator', 'narrator',
  'organizer', 'original-author', 'performer', 'producer', 'recipient', 'reviewed-author', 'script-writer', 'series-creator',
  'translator',
];

const DATE_VARIABLES = ['accessed', 'available-date', 'event-date', 'issued', 'original-date', 'submitted'];

const NUMBER_OR_STRING_VARIABLES = [
  'chapter-number', 'citation-number', 'collection-number', 'edition', 'first-reference-note-number', 'issue', 'locator',
  'number', 'number-of-pages', 'number-of-volumes', 'page', 'page-first', 'part', 'printing', 'supplement', 'volume',
];

const STRING_VARIABLES = [
  'abstract', 'annote', 'archive', 'archive_collection', 'archive_location', 'archive-place', 'authority', 'call-number',
  'citation-key', 'citation-label', 'collection-title', 'container-title', 'container-title-short', 'dimensions', 'division',
  'DOI', 'event', 'event-title', 'event-place', 'genre', 'ISBN', 'ISSN', 'jurisdiction', 'keyword', 'language', 'license',
  'medium', 'note', 'original-publisher', 'original-publisher-place', 'original-title', 'part-title', 'PMCID', 'PMID',
  'publisher', 'publisher-place', 'references', 'reviewed-genre', 'reviewed-title', 'scale', 'section', 'source', 'status',
  'title', 'title-short', 'URL', 'version', 'volume-title', 'volume-title-short', 'year-suffix', 'journalAbbreviation',
  'shortTitle',
];

const nameVariable = {
  type: 'object',
  properties: {
    family: { type: 'string' },
    given: { type: 'string' },
    'dropping-particle': { type: 'string' },
    'non-dropping-particle': { type: 'string' },
    suffix: { type: 'string' },
    'comma-suffix': { type: ['string', 'number', 'boolean'] },
    'static-ordering': { type: ['string', 'number', 'boolean'] },
    literal: { type: 'string' },
    'parse-names': { type: ['string', 'number', 'boolean'] },
  },
  additionalProperties: false,
};

const dateVariable = {
  anyOf: [
    { type: 'string' },
    {
      type: 'object',
      properties: {
        'date-parts': {
          type: 'array',
          minItems: 1,
          maxItems: 2,
          items: { type: 'array', minItems: 1, maxItems: 3, items: { type: ['string', 'number'] } },
        },
        season: { type: ['string', 'number'] },
        circa: { type: ['string', 'number', 'boolean'] },
        literal: { type: 'string' },
        raw: { type: 'string' },
        edtf: { type: 'string' },
      },
      additionalProperties: false,
    },
  ],
};

export const CSL_DATA_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  description: 'CSL-JSON input data (an array of items)',
  type: 'array',
  items: {
    type: 'object',
    properties: {
      type: { type: 'string', enum: ITEM_TYPES },
      id: { type: ['string', 'number'] },
      categories: { type: 'array', items: { type: 'string' } },
      custom: { type: 'object' },
      ...Object.fromEntries(NAME_VARIABLES.map((name) => [name, { type: 'array', items: { $ref: '#/definitions/name-variable' } }])),
      ...Object.fromEntries(DATE_VARIABLES.map((name) => [name, { $ref: '#/definitions/date-variable' }])),
      ...Object.fromEntries(NUMBER_OR_STRING_VARIABLES.map((name) => [name, { type: ['string', 'number'] }])),
      ...Object.fromEntries(STRING_VARIABLES.map((name) => [name, { type: 'string' }])),
    },
    required: ['type', 'id'],
    additionalProperties: false,
  },
  definitions: { 'name-variable': nameVariable, 'date-variable': dateVariable },
} as const;
