/** A JSON Schema document or sub-schema as plain data (the JSON files under schemas/). */
export type JsonSchemaDocument = { [key: string]: unknown };
