package org.sgdbench.kernel.aparapi;

class AparapiLanesMlpContractTest extends AparapiMlpEnsembleContractTest {
    @Override
    AparapiMlpEnsemble.Layout layout() { return AparapiMlpEnsemble.Layout.LANES; }
}
