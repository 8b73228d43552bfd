/** `MappingRules`: the business rules in force (mapping file or built-in defaults), injectable everywhere. */
export const MAPPING_RULES = Symbol('MAPPING_RULES');
