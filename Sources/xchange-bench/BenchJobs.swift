/// Every job, in the order they run; each group lives in a file of its own under Jobs/.
enum BenchJobs {
    static var all: [BenchJob] {
        JSONJobs.all + CSVJobs.all + YAMLJobs.all + ValidateJobs.all + PipelineJobs.all + MemoryJobs.all
    }
}
