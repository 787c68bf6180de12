// XchangeYAML
