import KGAutodiff
import KGModels
import KGRecKit
import Testing
@testable import KGRecCLI

/// The training flags shared by `kgrec train` and `kgrec bench train` reach the trainer and the
/// model settings, and bad values are usage errors that name the flag.
@Suite struct TrainOptionsTests {
    static func parse(_ arguments: [String], model: String = "lightgcn") throws -> TrainingOptions {
        try TrainOptions.parse(try ParsedArguments(["lightgcn"] + arguments, spec: TrainCommand.spec), model: model)
    }

    @Test func flagsReachTheTrainerAndTheModelSettings() throws {
        let options = try Self.parse(["--lr", "0.02", "--lr-decay", "0.98", "--sampling", "uniform-users",
                                      "--batch", "16384", "--init", "xavier-uniform", "--dim", "32"])
        #expect(options.trainer.learningRate == 0.02 && options.trainer.learningRateDecay == 0.98)
        #expect(options.trainer.positiveSampling == .uniformUsers && options.trainer.batchSize == 16384)
        #expect(options.settings.initializer == .xavierUniform && options.settings.dimension == 32)
        #expect(try Self.parse(["--init", "normal:0.05"]).settings.initializer == .normal(standardDeviation: 0.05))
        let defaults = try Self.parse([])
        #expect(defaults.trainer.learningRateDecay == 1 && defaults.trainer.positiveSampling == .everyInteraction)
        #expect(defaults.settings.initializer == nil)
        #expect(defaults.warmStart == nil)
        #expect(try Self.parse(["--init-from", "mf.ckpt"], model: "ngcf").warmStart == "mf.ckpt")
    }

    @Test func objectiveAndMarginChooseTheLoss() throws {
        #expect(try Self.parse(["--objective", "bce"]).trainer.objective == .binaryCrossEntropy)
        #expect(try Self.parse(["--margin", "0.2"]).trainer.objective == .marginRanking(margin: 0.2))
        #expect(try Self.parse(["--objective", "margin", "--margin", "1"]).trainer.objective == .marginRanking(margin: 1))
        #expect(try Self.parse(["--objective", "margin"]).trainer.objective == .marginRanking(margin: 0.5))
        #expect(try Self.parse(["--objective", "bpr"], model: "pinsage").trainer.objective == .bpr)
    }

    @Test(arguments: [
        (["--lr-decay", "1.5"], "option '--lr-decay' takes a number greater than 0 and at most 1, not '1.5'"),
        (["--sampling", "uniform-user"], "option '--sampling' takes one of every-interaction, uniform-users, not 'uniform-user'. Did you mean 'uniform-users'?"),
        (["--init", "gaussian"], "option '--init' takes xavier-normal, xavier-uniform or normal:STD (STD > 0), not 'gaussian'"),
        (["--init", "normal:-1"], "option '--init' takes xavier-normal, xavier-uniform or normal:STD (STD > 0), not 'normal:-1'"),
        (["--objective", "hinge"], "option '--objective' takes one of bpr, bce, margin, not 'hinge'"),
        (["--objective", "bpr", "--margin", "0.3"], "option '--margin' goes with '--objective margin', not '--objective bpr'"),
        (["--margin", "abc"], "option '--margin' takes a number from 0 to 1000, not 'abc'"),
    ])
    func badValuesAreUsageErrors(arguments: [String], message: String) {
        #expect { try Self.parse(arguments) } throws: { ($0 as? UsageError)?.message == message }
    }
}
