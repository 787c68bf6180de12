// The temporary folders and project paths every test target shares.
@_exported import XchangeTestSupport
