/// One benchmark job: an xchange task on one input, the peers doing the same work, the limit,
/// and the target the job is held to.
struct BenchJob {
    /// Short id for `--jobs` (`jsonl-jsonl`).
    let id: String
    /// What the job does, as the table shows it.
    let title: String
    let input: BenchInput
    /// The output file's name in the work folder (`nil`: the task writes nothing).
    let output: String?
    /// The child task and its arguments after the input (and output, when there is one).
    let task: ChildTask
    var taskOptions: [String] = []
    var peers: [BenchPeer] = []
    /// The floor: `cat` writing the output, or libyaml's event loop on the input.
    var limit: Limit? = nil
    var target: Target? = nil
    /// The most peak memory xchange may use on this job, in MB.
    var maxPeakMegabytes: Double? = nil

    enum Limit {
        /// `cat` copying xchange's output into a new file: the cost of writing those bytes.
        case catOutput
        /// libyaml's event loop over the input, through the project's CYAML target.
        case yamlEvents
    }

    /// xchange's time divided by a reference time must not exceed `maximum`.
    struct Target {
        /// A row key of this job (a peer id, `limit`), or `JOB:xchange` for another job's time.
        let reference: String
        let maximum: Double
        /// How the issue states it, for the printout: "≥ 2× faster than orjson parsing".
        let wording: String
        /// Which time is compared: wall time, the time a user waits. The issue that set the
        /// targets asks for both cores to be used to meet them, which only wall time shows.
        var basis: Basis = .wall
    }

    /// The time a target compares. Wall time is what a job using both cores must be judged by;
    /// CPU time (user + system) is what the work costs, and holds still on a busy machine, so
    /// its ratio is printed beside.
    enum Basis: String {
        case cpu = "CPU"
        case wall

        func seconds(_ outcome: ChildProcess.Outcome) -> Double {
            self == .cpu ? outcome.cpuSeconds : outcome.seconds
        }
    }
}

/// An installed-or-not peer program doing a job's work.
struct BenchPeer {
    let id: String
    let title: String
    /// The program and its arguments, given the input and output paths.
    let command: (_ input: String, _ output: String) -> [String]
    /// A shell check that the peer is installed (a Python module, a program on PATH).
    let requirement: Requirement

    enum Requirement {
        case program(String)
        case pythonModule(String)
    }
}
