/** A namespace-resolved XML element: what the driver reads answers from (never prefixes). */
export interface XmlElement {
  /** Namespace URI, '' when the element is in no namespace. */
  readonly namespaceUri: string;
  readonly localName: string;
  /** Attributes by their qualified name as written (e.g. `xsi:nil`), values entity-decoded. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Concatenated, entity-decoded character data directly inside this element. */
  readonly text: string;
}
