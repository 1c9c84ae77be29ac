/// Families group kinds by the role they play in a request's path; references are checked
/// against them (`publish` must name a queue, topic, bus or stream, `dlq` a queue…).
package enum KindFamily: String, Sendable, Hashable, CaseIterable {
    case edge        // cloudfront, route53, api-gateway
    case balancer    // alb, nlb
    case compute     // ecs-service, eks-deployment, ec2-asg, lambda, service
    case queue       // sqs, rabbitmq
    case topic       // sns
    case bus         // eventbridge
    case stream      // kafka, kinesis
    case store       // s3, dynamodb
    case database    // rds, redshift
    case cache       // elasticache
    case job         // glue, batch
}

/// Where a component may live.
package enum Placement: Sendable, Hashable {
    /// Inside the VPC: needs `subnet:`.
    case subnet
    /// A regional managed service outside the VPC: `subnet:` is refused.
    case regional
    /// Either (Lambda may be attached to a VPC or not).
    case either
}

/// One component kind: its identity, where it lives, and its fields with their defaults.
package struct KindSpec: Sendable {
    package var name: String
    package var family: KindFamily
    package var primitive: Primitive
    package var placement: Placement
    package var summary: String
    /// Whether components of this kind run handler steps.
    package var hasHandlers: Bool
    /// Whether `publish` may target it (queues, topics, buses, streams, Lambda async invoke).
    package var acceptsPublish: Bool
    package var fields: [FieldSpec]

    package init(
        _ name: String, family: KindFamily, primitive: Primitive, placement: Placement, handlers: Bool = false,
        acceptsPublish: Bool = false, _ summary: String, fields: [FieldSpec]
    ) {
        self.name = name
        self.family = family
        self.primitive = primitive
        self.placement = placement
        self.summary = summary
        self.hasHandlers = handlers
        self.acceptsPublish = acceptsPublish
        self.fields = fields
    }

    /// Whether a synchronous `call` may target it: everything that answers a request.
    package var acceptsCall: Bool {
        ![.queue, .topic, .bus, .stream, .job].contains(family)
    }
}
