import Foundation

/// The format modules xchange knows, found by id or by file extension.
///
/// Modules can be added at run time (e.g. external programs found on a search path), not only
/// compiled in.
public final class FormatRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var registered: [any FormatModule] = []

    public init(_ modules: [any FormatModule] = []) {
        for module in modules { try? register(module) }
    }

    /// Adds a module. Ids are unique; a later module does not replace an earlier one.
    public func register(_ module: any FormatModule) throws(Diagnostic) {
        lock.lock()
        defer { lock.unlock() }
        guard !registered.contains(where: { $0.id == module.id }) else {
            throw Diagnostic.error("format.duplicate", "a format with id \(module.id) is already registered")
        }
        registered.append(module)
    }

    /// Every module, in registration order.
    public var modules: [any FormatModule] {
        lock.lock()
        defer { lock.unlock() }
        return registered
    }

    /// The module with this id.
    public func module(id: String) -> (any FormatModule)? {
        modules.first { $0.id == id.lowercased() }
    }

    /// The module whose file extensions include the path's extension (`report.JSONL` → json).
    ///
    /// Built-in modules are asked first; external ones only when no built-in claims the
    /// extension, because asking them means running their `describe`.
    ///
    /// Of the external modules, the one whose id is the extension (`report.kv` → `kv`) is asked
    /// first; the others only if it does not claim it, and then all at once, so that a module
    /// slow to describe itself delays the lookup by its own time limit at most once.
    public func module(forPath path: String) -> (any FormatModule)? {
        let name = (path as NSString).lastPathComponent.lowercased()
        let all = modules
        if let builtin = Self.claimant(of: name, among: all.filter { $0.externalPath == nil }) { return builtin }
        let external = all.filter { $0.externalPath != nil }
        let ext = (name as NSString).pathExtension
        if let named = external.first(where: { $0.id == ext }), let module = Self.claimant(of: name, among: [named]) {
            return module
        }
        Self.prepareAll(external)
        return Self.claimant(of: name, among: external)
    }

    /// Lets every module prepare itself (external ones run `describe`) concurrently; failures
    /// are kept by the modules and reported when they are used.
    public static func prepareAll(_ modules: [any FormatModule]) {
        DispatchQueue.concurrentPerform(iterations: modules.count) { index in
            try? modules[index].prepare()
        }
    }

    private static func claimant(of name: String, among modules: [any FormatModule]) -> (any FormatModule)? {
        // Longest extension first, so that `.report.txt`-style compound extensions can win; of
        // equally long ones, the module registered first.
        let candidates = modules.enumerated().flatMap { index, module in
            module.fileExtensions.map { (ext: $0, order: index, module: module) }
        }
        .sorted { ($0.ext.count, $1.order) > ($1.ext.count, $0.order) }
        return candidates.first { name.hasSuffix("." + $0.ext) }?.module
    }

    /// The module to use for an input or output: by explicit id, else by the path's extension.
    /// Errors name what was asked for and list the known formats; an external module that
    /// cannot describe itself fails here, naming itself. `namer` is how the user names a
    /// format where the path is given (`--from`/`--to` when nil, as on the command line).
    public func resolve(
        id: String?, path: String?, for capability: FormatCapabilities, namer: String? = nil
    ) throws(Diagnostic) -> any FormatModule {
        let role = capability == .read ? "read" : "write"
        let namer = namer ?? (capability == .read ? "--from" : "--to")
        func list() -> String {
            Self.prepareAll(modules.filter { $0.externalPath != nil })
            return modules.filter { $0.capabilities.contains(capability) }
                .map { "\($0.id) (.\($0.fileExtensions.joined(separator: ", .")))" }.joined(separator: ", ")
        }
        if let id {
            guard let module = module(id: id) else {
                let hint = NearestName.find(id, among: modules.map(\.id)).map { "did you mean \($0)? " } ?? ""
                throw Diagnostic.error(
                    "format.unknown", "unknown format \"\(id)\"; \(hint)formats that can \(role): \(list())")
            }
            try module.prepare()
            guard module.capabilities.contains(capability) else {
                throw Diagnostic.error(
                    "format.capability", "the \(module.id) format cannot \(role); formats that can: \(list())")
            }
            return module
        }
        guard let path, path != "-" else {
            throw Diagnostic.error(
                "format.unspecified",
                "cannot tell the format of standard \(capability == .read ? "input" : "output"); name it with \(namer) (\(list()))"
            )
        }
        guard let module = module(forPath: path) else {
            let ext = (path as NSString).pathExtension
            let what = ext.isEmpty ? "\(path) has no file extension" : "no format reads or writes .\(ext) files"
            var message = "\(what); name the format with \(namer), one of: \(list())"
            // A broken external module may be the one that should have claimed the extension.
            for module in modules where module.externalPath != nil {
                do throws(Diagnostic) { try module.prepare() } catch { message += "; not usable: \(error.message)" }
            }
            throw Diagnostic.error("format.unknown-extension", message)
        }
        try module.prepare()
        guard module.capabilities.contains(capability) else {
            throw Diagnostic.error(
                "format.capability", "the \(module.id) format cannot \(role) (\(path)); formats that can: \(list())")
        }
        return module
    }
}
