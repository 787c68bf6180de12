import Foundation
import XchangeCore

/// Where a package's receipt is kept: beside the package, `submission.zip` →
/// `submission.receipt.json`, written whole or not at all.
public enum ReceiptFile {
    /// The receipt path for a package path.
    public static func path(forPackage packagePath: String) -> String {
        let url = URL(fileURLWithPath: packagePath)
        let name =
            url.pathExtension.lowercased() == "zip"
            ? url.deletingPathExtension().lastPathComponent : url.lastPathComponent
        let folder = (packagePath as NSString).deletingLastPathComponent
        return folder.isEmpty ? name + ".receipt.json" : folder + "/" + name + ".receipt.json"
    }

    /// Saves the receipt bytes exactly as the platform sent them (they are its evidence).
    public static func save(_ body: [UInt8], forPackage packagePath: String) throws(Diagnostic) -> String {
        let path = path(forPackage: packagePath)
        try AtomicFileOutput.write(body, to: path)
        return path
    }
}
