package org.sgdbench.kernel.aparapi;

class AparapiGroupMlpContractTest extends AparapiMlpEnsembleContractTest {
    @Override
    AparapiMlpEnsemble.Layout layout() { return AparapiMlpEnsemble.Layout.GROUP; }
}
