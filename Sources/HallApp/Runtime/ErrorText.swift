import Foundation
import HallStore

/// The one place that words an error for a screen. Screens and executors never format an error
/// themselves: they call `ErrorText.of` (or `StatusMessage.from`). The store's own text names no
/// key (it cannot know them); where a screen's key is the way out, it is named here.
public enum ErrorText {
    public static func of(_ error: Error) -> String {
        if let store = error as? StoreError { return of(store) }
        return error.localizedDescription
    }

    static func of(_ error: StoreError) -> String {
        switch error {
        case .windowPaused(let n): return "\(n) 号窗口已暂停叫号：请先按 F9 恢复叫号"
        default: return error.localizedDescription
        }
    }
}
