import Dispatch
import KGTensor

/// Adam (Kingma & Ba, ICLR 2015), in PyTorch's arrangement so that runs can be compared with
/// the reference implementations:
///
///     m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²
///     p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
///
/// with g = ∇ + λ·p when `weightDecay` λ is set (PyTorch's L2 form, not AdamW), and lr scaled
/// by each parameter's `learningRateScale` (PyTorch's parameter groups). The step count t
/// is per parameter, advanced only when the parameter has a gradient. The update is one SIMD pass
/// over p, g, m and v, split across `threads` for large tables; elements are independent, so the
/// result does not depend on the split.
public final class Adam: Optimizer {
    public var learningRate: Float
    package let beta1: Float
    package let beta2: Float
    package let epsilon: Float
    package let weightDecay: Float
    public let threads: Int

    struct State {
        var m: Tensor
        var v: Tensor
        var step: Int
    }

    private var states: [ObjectIdentifier: State] = [:]

    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
                weightDecay: Float = 0, threads: Int = 1) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.threads = threads
    }

    public func step(_ parameters: [Parameter]) {
        for parameter in parameters {
            guard let g = parameter.gradient else { continue }
            let key = ObjectIdentifier(parameter)
            var state = states.removeValue(forKey: key)
                ?? State(m: parameter.value.zerosLike(), v: parameter.value.zerosLike(), step: 0)
            state.step += 1
            let t = Double(state.step)
            let correction1 = 1 - pow(Double(beta1), t), correction2 = 1 - pow(Double(beta2), t)
            let stepSize = Float(Double(learningRate * parameter.learningRateScale) / correction1)
            let inverseRoot = Float(1 / correction2.squareRoot())
            let constants = AdamConstants(beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay,
                                          stepSize: stepSize, inverseRootCorrection: inverseRoot)
            let count = g.count
            parameter.value.withUnsafeMutableBufferPointer { p in
                state.m.withUnsafeMutableBufferPointer { m in
                    state.v.withUnsafeMutableBufferPointer { v in
                        g.withUnsafeBufferPointer { g in
                            guard let p = p.baseAddress, let m = m.baseAddress, let v = v.baseAddress,
                                  let g = g.baseAddress else { return }
                            let chunks = threads > 1 && count >= 1 << 20 ? threads : 1
                            let shared = UnsafeSendable((p, m, v, g))
                            let run: @Sendable (Int) -> Void = { chunk in
                                let lower = count * chunk / chunks, upper = count * (chunk + 1) / chunks
                                let (p, m, v, g) = shared.value
                                AdamKernel.update(p + lower, m + lower, v + lower, g + lower, count: upper - lower, constants)
                            }
                            if chunks == 1 { run(0) } else { DispatchQueue.concurrentPerform(iterations: chunks, execute: run) }
                        }
                    }
                }
            }
            states[key] = state
            parameter.clearGradient()
        }
    }
}

private func pow(_ x: Double, _ n: Double) -> Double {
    var result = 1.0, base = x, e = Int(n)
    while e > 0 {
        if e & 1 == 1 { result *= base }
        base *= base
        e >>= 1
    }
    return result
}

struct AdamConstants {
    let beta1, beta2, epsilon, weightDecay, stepSize, inverseRootCorrection: Float
}

enum AdamKernel {
    typealias F8 = SIMD8<Float>

    @inline(__always)
    static func update(_ p: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Float>,
                       _ v: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, count: Int, _ c: AdamConstants) {
        let b1 = F8(repeating: c.beta1), b2 = F8(repeating: c.beta2)
        let ob1 = F8(repeating: 1 - c.beta1), ob2 = F8(repeating: 1 - c.beta2)
        let eps = F8(repeating: c.epsilon), wd = F8(repeating: c.weightDecay)
        let step = F8(repeating: c.stepSize), root = F8(repeating: c.inverseRootCorrection)
        var i = 0
        while i + 8 <= count {
            let pv = load(p + i)
            var gv = UnsafeRawPointer(g + i).loadUnaligned(as: F8.self)
            if c.weightDecay != 0 { gv = gv.addingProduct(wd, pv) }
            let mv = b1 * load(m + i) + ob1 * gv
            let vv = b2 * load(v + i) + ob2 * (gv * gv)
            store(m + i, mv)
            store(v + i, vv)
            store(p + i, pv - step * (mv / (vv.squareRoot() * root + eps)))
            i &+= 8
        }
        while i < count {
            var gs = g[i]
            if c.weightDecay != 0 { gs += c.weightDecay * p[i] }
            let ms = c.beta1 * m[i] + (1 - c.beta1) * gs
            let vs = c.beta2 * v[i] + (1 - c.beta2) * (gs * gs)
            m[i] = ms
            v[i] = vs
            p[i] -= c.stepSize * (ms / (vs.squareRoot() * c.inverseRootCorrection + c.epsilon))
            i &+= 1
        }
    }

    @inline(__always) private static func load(_ p: UnsafeMutablePointer<Float>) -> F8 {
        UnsafeRawPointer(p).loadUnaligned(as: F8.self)
    }

    @inline(__always) private static func store(_ p: UnsafeMutablePointer<Float>, _ v: F8) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: F8.self)
    }
}
