import Foundation

/// The one place that words an error for a screen. Screens and executors never format an error
/// themselves: they call `ErrorText.of` (or `StatusMessage.from`).
public enum ErrorText {
    public static func of(_ error: Error) -> String { error.localizedDescription }
}
