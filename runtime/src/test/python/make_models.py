#!/usr/bin/env python3
"""Builds the project-made test models for the model nodes and writes them to
runtime/src/test/resources/models/. Needs Debian's python3-torch (1.13); CI does not: the files it
writes are committed (a few KB each). Re-run after changing a model:

    /usr/bin/python3 runtime/src/test/python/make_models.py

Every weight is set by hand, so the models are exactly right on the synthetic images the tests draw:

* colours-classifier.pt (TorchScript): [1,3,16,16] RGB in [0,1] -> [1,3] logits for red, green, blue
  (which colour dominates the image on average).
* squares-yolo.pt (TorchScript) and squares-yolo.onnx: [1,3,128,128] RGB in [0,1] -> [1,7,1024], the
  YOLOv8 layout: for each of 32x32 anchors (stride 4) cx, cy, w, h in input pixels, then a score for
  each class red, green, blue. It finds saturated red, green and blue axis-aligned rectangles: a 1x1
  convolution turns RGB into "how red/green/blue" maps, and each anchor inside a rectangle measures the
  run of same-colour pixels through it to the left, right, up and down - which is the rectangle.
* squares-yolov5.pt (TorchScript): the same detector in the YOLOv5 layout [1,1024,8]: cx, cy, w, h,
  objectness, then the three class scores, one row per anchor.
* squares-ssd.pt (TorchScript): the same detector with SSD-style outputs: boxes [100,4] (x1, y1, x2, y2
  relative to the input, 0..1), labels [100] (int64 class index), scores [100], best first.
"""
import os

import torch
from torch import nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "models")
SIZE = 128
STRIDE = 4

# Row c answers "how much more of channel c than of the other two": 1 for a pure colour, 0 for any grey.
COLOUR = torch.tensor([[1.0, -0.5, -0.5], [-0.5, 1.0, -0.5], [-0.5, -0.5, 1.0]])


class Colours(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 3, bias=False)
        with torch.no_grad():
            self.fc.weight.copy_(COLOUR * 10)

    def forward(self, x):
        return self.fc(x.mean(dim=(2, 3)))


def run_start(mask, dim):
    """For each pixel, the index where the run of 1s through it starts along dim (x+1 where mask is 0).

    That is one past the last 0 at or before the pixel: a prefix maximum, taken in log2(n) shift-and-max
    steps rather than with torch.cummax, which ONNX export does not support."""
    m = mask.transpose(dim, -1)  # runs along the last dim
    n = m.shape[-1]
    idx = torch.arange(n, dtype=torch.float32)
    last_zero = torch.where(m > 0, torch.tensor(-1.0), idx)  # broadcasts: no [.., n] constant in the export
    k = 1
    while k < n:
        shifted = nn.functional.pad(last_zero, (k, 0), value=-1.0)[..., :n]
        last_zero = torch.maximum(last_zero, shifted)
        k *= 2
    return (last_zero + 1).transpose(dim, -1)


class Squares(nn.Module):
    def __init__(self):
        super().__init__()
        self.colour = nn.Conv2d(3, 3, 1, bias=True)
        with torch.no_grad():
            self.colour.weight.copy_(COLOUR.reshape(3, 3, 1, 1))
            self.colour.bias.fill_(-0.5)  # half-saturated or more counts as coloured

    def extents(self, x):
        z = self.colour(x)  # [1,3,H,W]
        mask = (z > 0).float()
        soft = torch.sigmoid(z * 20)
        score = nn.functional.avg_pool2d(soft, 3, stride=1, padding=1, count_include_pad=False)
        x1 = run_start(mask, 3)
        x2 = SIZE - run_start(mask.flip(3), 3).flip(3)
        y1 = run_start(mask, 2)
        y2 = SIZE - run_start(mask.flip(2), 2).flip(2)
        # One box per pixel: the one of the class that pixel belongs to most.
        best = score.argmax(dim=1, keepdim=True)
        boxes = torch.cat([x1.gather(1, best), y1.gather(1, best), x2.gather(1, best), y2.gather(1, best)], 1)
                # Anchors: the centre pixel of every STRIDE x STRIDE cell.
        c = STRIDE // 2
        boxes = boxes[:, :, c::STRIDE, c::STRIDE].flatten(2)  # [1,4,N]
        score = score[:, :, c::STRIDE, c::STRIDE].flatten(2)  # [1,3,N]
        wh = (boxes[:, 2:] - boxes[:, :2]).clamp(min=0)
        return boxes, wh, score


class SquaresYolo(Squares):
    def forward(self, x):
        boxes, wh, score = self.extents(x)
        centre = boxes[:, :2] + wh / 2
        return torch.cat([centre, wh, score], 1)  # [1, 4+3, N]


class SquaresYolov5(Squares):
    def forward(self, x):
        boxes, wh, score = self.extents(x)
        centre = boxes[:, :2] + wh / 2
        objectness = score.max(dim=1, keepdim=True).values
        # Rows are boxes here ([1, N, 5+C]), the other way round from YOLOv8's [1, 4+C, N].
        return torch.cat([centre, wh, objectness, score], 1).transpose(1, 2)


class SquaresSsd(Squares):
    def forward(self, x):
        boxes, wh, score = self.extents(x)
        best, label = score[0].max(dim=0)
        top, order = best.topk(100)
        xyxy = torch.cat([boxes[0, :2], boxes[0, :2] + wh[0]], 0).t()[order] / SIZE
        return xyxy, label[order], top


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    colours = Colours().eval()
    torch.jit.trace(colours, torch.rand(1, 3, 16, 16)).save(os.path.join(OUT, "colours-classifier.pt"))

    probe = torch.full((1, 3, SIZE, SIZE), 0.5)
    probe[:, 0, 20:60, 30:90] = 1.0
    probe[:, 1:, 20:60, 30:90] = 0.0
    yolo = SquaresYolo().eval()
    ssd = SquaresSsd().eval()
    with torch.no_grad():
        torch.jit.trace(yolo, probe).save(os.path.join(OUT, "squares-yolo.pt"))
        torch.jit.trace(ssd, probe).save(os.path.join(OUT, "squares-ssd.pt"))
        torch.jit.trace(SquaresYolov5().eval(), probe).save(os.path.join(OUT, "squares-yolov5.pt"))
        out = yolo(probe)
        i = out[0, 4].argmax()
        print("yolo probe: red box cx,cy,w,h", out[0, :4, i].tolist(), "score", out[0, 4, i].item())
        b, l, s = ssd(probe)
        print("ssd probe:", b[0].tolist(), l[0].item(), s[0].item())
        try:
            torch.onnx.export(yolo, probe, os.path.join(OUT, "squares-yolo.onnx"), opset_version=17,
                              input_names=["images"], output_names=["output0"])
        except Exception as e:  # noqa: BLE001 - say why and keep the TorchScript models
            print("ONNX export failed:", e)


if __name__ == "__main__":
    main()
