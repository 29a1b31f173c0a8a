// The grader layer: exercises, sandboxed builds and runs, comparison, diagnosis, reports.
public enum GraderModule {}
