import CYAML

// Both directions in one place, so a style added on one side is not forgotten on the other.

extension YAMLScalarStyle {
    init(_ style: yaml_scalar_style_t) {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: self = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: self = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: self = .literal
        case YAML_FOLDED_SCALAR_STYLE: self = .folded
        default: self = .plain
        }
    }
}

extension yaml_scalar_style_t {
    init(_ style: YAMLScalarStyle) {
        switch style {
        case .plain: self = YAML_PLAIN_SCALAR_STYLE
        case .singleQuoted: self = YAML_SINGLE_QUOTED_SCALAR_STYLE
        case .doubleQuoted: self = YAML_DOUBLE_QUOTED_SCALAR_STYLE
        case .literal: self = YAML_LITERAL_SCALAR_STYLE
        case .folded: self = YAML_FOLDED_SCALAR_STYLE
        }
    }
}
