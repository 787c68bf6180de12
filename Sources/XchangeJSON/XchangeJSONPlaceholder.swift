// XchangeJSON
