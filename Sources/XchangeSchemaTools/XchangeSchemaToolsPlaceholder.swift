// XchangeSchemaTools
