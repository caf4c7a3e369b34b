# lstm.py — TODO: 2-layer LSTM forward+backward (seq 32, batch 16, 10->20) once nn.LSTM lands.
from benchutil import setup, skipped

setup()
skipped("lstm_fwd_bwd", "TODO: waits for the nn LSTM primitives")
