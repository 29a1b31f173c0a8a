import OptimlabEngine

/// The whole catalogue, by name.
public enum FunctionCatalogue {
    public static let all: [FunctionDefinition] =
        MathFunctions.all + OptimizerFunctions.all + AnalysisFunctions.all + ScheduleFunctions.all
        + ClippingFunctions.all + ConventionFunctions.all + TableFunctions.all + ScaleFunctions.all

    public static let byName: [String: FunctionDefinition] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

    /// Names that are values rather than calls.
    public static let constants: [String: Value] = ["pi": .number(Double.pi)]

    public static var names: [String] { all.map(\.name) }

    public static func named(_ name: String) -> FunctionDefinition? { byName[name] }
}
