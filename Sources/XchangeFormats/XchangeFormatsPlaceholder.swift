// XchangeFormats
