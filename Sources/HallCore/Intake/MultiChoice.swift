import Foundation

/// A field that takes several of its options (印章种类: 公章 and 财务专用章 …). The value is the
/// chosen options in the order the field lists them, joined by "、", so the same choice is always
/// the same text (stored, compared, printed) however it was typed or ticked.
public enum MultiChoice {
    public static let separator = "、"

    /// The options a value names, in the field's order. Typed lists may be separated by 、 , ，
    /// ; ； / or spaces.
    public static func selected(_ value: String, options: [String]) -> [String] {
        let named = Set(parts(value))
        return options.filter(named.contains)
    }

    /// The value with `option` ticked or unticked (the screen's digit keys).
    public static func toggled(_ value: String, option: String, options: [String]) -> String {
        var chosen = Set(selected(value, options: options))
        if chosen.contains(option) { chosen.remove(option) } else { chosen.insert(option) }
        return options.filter(chosen.contains).joined(separator: separator)
    }

    /// Valid when every part is one of the options (each counted once); the message names what
    /// is not an option.
    static func check(_ value: String, options: [String], label: String) -> FieldValidation.Outcome {
        let given = parts(value)
        let unknown = given.filter { !options.contains($0) }
        if !unknown.isEmpty {
            return .invalid("\(label)不能选“\(unknown.joined(separator: separator))”，可选（可多选）：" + options.joined(separator: separator))
        }
        let chosen = selected(value, options: options)
        return chosen.isEmpty ? .empty : .valid(chosen.joined(separator: separator))
    }

    static func parts(_ value: String) -> [String] {
        value.components(separatedBy: CharacterSet(charactersIn: "、,，;；/ \u{3000}")).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
