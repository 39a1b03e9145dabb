package org.sgdbench.kernel.aparapi;

class AparapiWalkerMajorMlpContractTest extends AparapiMlpEnsembleContractTest {
    @Override
    AparapiMlpEnsemble.Layout layout() { return AparapiMlpEnsemble.Layout.WALKER_MAJOR; }
}
