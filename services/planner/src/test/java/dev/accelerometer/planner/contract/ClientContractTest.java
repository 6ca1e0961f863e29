package dev.accelerometer.planner.contract;

import dev.accelerometer.testing.NeighbourContracts;

/** The catalog and costing clients this service calls its neighbours with, against their committed OpenAPI documents. */
class ClientContractTest extends NeighbourContracts {
}
