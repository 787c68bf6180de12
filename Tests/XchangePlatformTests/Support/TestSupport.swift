// The temporary folders, project paths and program runs every test target shares.
@_exported import XchangeTestSupport
