/// Which protections were in force for a run, so a report can say which were not.
public struct SandboxProtections: Sendable, Equatable {
    /// The program ran as pid 2 of its own PID namespace: when the run ends, the kernel kills
    /// every process in it, including grandchildren that called `setsid`.
    public var pidNamespace: Bool
    /// The program ran in an empty network namespace (only asked for when `network` is false).
    public var networkNamespace: Bool
    /// Without a network namespace: a seccomp filter made IPv4, IPv6 and packet sockets fail, so the
    /// program could reach no network, TCP or UDP (only asked for when `network` is false).
    public var ipSocketsDenied: Bool
    /// Landlock allowed writes only under the scratch folder (and explicitly writable paths).
    public var filesystemConfinement: Bool
    /// CPU, memory, file-size, open-file and process rlimits were set before exec.
    public var resourceLimits: Bool
    /// The grader is a child subreaper, so descendants that escape the process group are
    /// re-parented to it and killed after the run (the fallback when there is no PID namespace).
    public var subreaper: Bool
    /// The number of processes was bounded: RLIMIT_NPROC in a user namespace (root is exempt
    /// from it) or the PID namespace's own pid_max.
    public var processLimit: Bool
    /// The program held no capabilities outside its own namespaces: it ran unprivileged, or as
    /// root inside a user namespace (so it could not load modules, set the clock, and so on).
    public var unprivileged: Bool
    /// Human-readable names of the protections that were not in force.
    public var missing: [String]

    public init(pidNamespace: Bool, networkNamespace: Bool, ipSocketsDenied: Bool = false, filesystemConfinement: Bool,
                resourceLimits: Bool, subreaper: Bool, processLimit: Bool = false, unprivileged: Bool = false,
                missing: [String]) {
        self.pidNamespace = pidNamespace
        self.networkNamespace = networkNamespace
        self.ipSocketsDenied = ipSocketsDenied
        self.filesystemConfinement = filesystemConfinement
        self.resourceLimits = resourceLimits
        self.subreaper = subreaper
        self.processLimit = processLimit
        self.unprivileged = unprivileged
        self.missing = missing
    }
}
