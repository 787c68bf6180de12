// Generated from schemas/platform/manifest.v1.schema.json; a test keeps the two identical.
// Edit the schema file, then copy it here between the quotes.

extension ManifestSchema {
    /// The text of `schemas/platform/manifest.v1.schema.json`.
    public static let source = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://xchange.invalid/schemas/platform/manifest.v1.schema.json",
          "title": "xchange submission package manifest, version 1",
          "description": "manifest.json of a submission package: who sends it, to whom, and the size and SHA-256 of every other entry.",
          "type": "object",
          "required": ["package_format", "package_id", "created_at", "sender", "receiver", "report_year", "format_version", "entries"],
          "additionalProperties": false,
          "properties": {
            "package_format": {
              "description": "The package format and its version.",
              "const": "xchange-submission/1"
            },
            "package_id": {
              "description": "A random (version 4) UUID in lower case; the submission's identity and idempotency key.",
              "type": "string",
              "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
            },
            "created_at": {
              "description": "When the package was built: ISO 8601 date and time with a UTC offset (xchange writes +08:00).",
              "type": "string",
              "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$"
            },
            "sender": {
              "description": "The sending agency, as the report names it.",
              "type": "object",
              "required": ["agency_name", "agency_uscc", "admin_division_code"],
              "additionalProperties": false,
              "properties": {
                "agency_name": {"type": "string", "minLength": 1},
                "agency_uscc": {"type": "string", "pattern": "^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$"},
                "admin_division_code": {"type": "string", "pattern": "^[0-9]{6}$"}
              }
            },
            "receiver": {
              "description": "The receiving platform: the platform_id of the profile the package was built with.",
              "type": "object",
              "required": ["platform_id"],
              "additionalProperties": false,
              "properties": {
                "platform_id": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"}
              }
            },
            "report_year": {
              "description": "meta.report_year of the report.",
              "type": "integer",
              "minimum": 1000,
              "maximum": 9999
            },
            "format_version": {
              "description": "meta.format_version of the report.",
              "enum": ["unified_2021", "trial_2019", "legacy_pre2019"]
            },
            "entries": {
              "description": "Every entry of the package except manifest.json, in package order.",
              "type": "array",
              "minItems": 1,
              "items": {
                "type": "object",
                "required": ["path", "size", "sha256", "media_type"],
                "additionalProperties": false,
                "properties": {
                  "path": {"type": "string", "pattern": "^[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*$"},
                  "size": {"type": "integer", "minimum": 0},
                  "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                  "media_type": {"type": "string", "minLength": 1}
                }
              }
            }
          }
        }
        """#
}
