"""The network: a stack of dilated 1-D convolutions over the ΔF/F (channel 0) and the measured
noise level ν/10 (channel 1, constant along the trace), then two 1×1 convolutions to one output,
the spike count per model frame. Applied to a whole trace at once (no per-frame windows): each
output sees a window of `receptive_field` frames centred on its frame."""
import torch
from torch import nn

NOISE_SCALE = 10.0


class SpikeNet(nn.Module):
    def __init__(self, channels=16, kernel=9, dilations=(1, 2, 4, 4), hidden=8):
        super().__init__()
        self.spec = {"channels": channels, "kernel": kernel, "dilations": list(dilations), "hidden": hidden}
        layers = []
        cin = 2
        for d in dilations:
            layers.append(nn.Conv1d(cin, channels, kernel, dilation=d))
            cin = channels
        self.convs = nn.ModuleList(layers)
        self.head1 = nn.Conv1d(channels, hidden, 1)
        self.head2 = nn.Conv1d(hidden, 1, 1)
        self.receptive_field = 1 + sum((kernel - 1) * d for d in dilations)

    def forward(self, x):
        """x: (batch, 2, T + receptive_field − 1) → (batch, T) spikes per frame (linear output)."""
        for conv in self.convs:
            x = torch.relu(conv(x))
        return self.head2(torch.relu(self.head1(x)))[:, 0, :]


def layers_of(net):
    """The weights in the order and shapes the TypeScript forward pass reads them."""
    out = []
    for conv in net.convs:
        out.append({"kind": "conv", "dilation": conv.dilation[0], "relu": True, "weight": conv.weight, "bias": conv.bias})
    out.append({"kind": "conv", "dilation": 1, "relu": True, "weight": net.head1.weight, "bias": net.head1.bias})
    out.append({"kind": "conv", "dilation": 1, "relu": False, "weight": net.head2.weight, "bias": net.head2.bias})
    return out
