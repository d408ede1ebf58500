import KGTensor

/// Updates parameters from their accumulated gradients.
public protocol Optimizer: AnyObject {
    /// The learning rate (schedulers may change it between steps).
    var learningRate: Float { get set }
    /// One update of every parameter that has a gradient; gradients are then cleared.
    func step(_ parameters: [Parameter])
}

/// Stochastic gradient descent with optional momentum and L2 weight decay
/// (PyTorch's `SGD`): v ← μ·v + (g + λ·p); p ← p − lr·v.
package final class SGD: Optimizer {
    package var learningRate: Float
    package let momentum: Float
    package let weightDecay: Float
    private var velocity: [ObjectIdentifier: Tensor] = [:]

    package init(learningRate: Float, momentum: Float = 0, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    package func step(_ parameters: [Parameter]) {
        for parameter in parameters {
            guard var g = parameter.gradient else { continue }
            if weightDecay != 0 { g.add(parameter.value, scaledBy: weightDecay) }
            if momentum != 0 {
                let key = ObjectIdentifier(parameter)
                var v = velocity[key] ?? parameter.value.zerosLike()
                velocity[key] = nil
                v.scale(by: momentum)
                v.add(g)
                g = v
                velocity[key] = v
            }
            parameter.value.add(g, scaledBy: -learningRate)
            parameter.clearGradient()
        }
    }
}
