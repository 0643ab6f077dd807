/** The few parts of citation.js the export tests use (the package ships no type declarations). */
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown, options?: { forceType?: string });
    /** The parsed items as CSL-JSON. */
    data: unknown[];
    format(format: 'bibliography' | 'citation' | 'data' | string, options?: Record<string, unknown>): string | unknown;
  }
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
declare module '@citation-js/plugin-csl';
