import Foundation
import XchangeCore

/// The step types a pipeline may use, by name. Built once per process; library users and the
/// external-step adapter add their own with ``register(_:)``.
public final class StepRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var registered: [any StepType] = []

    public init(_ types: [any StepType] = []) {
        for type in types { try? register(type) }
    }

    /// The built-in step types: validate, set, default, filter, drop, dedupe, sort, aggregate.
    public static let builtinTypes: [any StepType] = [
        ValidateStepType(), AssignStepType(onlyWhereAbsent: false), AssignStepType(onlyWhereAbsent: true),
        FilterStepType(), DropStepType(), DedupeStepType(), SortStepType(), AggregateStepType(),
    ]

    /// A new registry of the built-in steps, to which more can be added.
    public static var builtin: StepRegistry { StepRegistry(builtinTypes) }

    /// Adds a step type; names are unique.
    public func register(_ type: any StepType) throws(Diagnostic) {
        lock.lock()
        defer { lock.unlock() }
        guard !registered.contains(where: { $0.name == type.name }) else {
            throw Diagnostic.error("step.duplicate", "a step named \(type.name) is already registered")
        }
        registered.append(type)
    }

    /// Every step type, in registration order.
    public var types: [any StepType] {
        lock.lock()
        defer { lock.unlock() }
        return registered
    }

    /// The step type with this name.
    public func type(named name: String) -> (any StepType)? {
        types.first { $0.name == name }
    }
}
