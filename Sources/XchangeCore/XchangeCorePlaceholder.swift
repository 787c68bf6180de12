// XchangeCore
