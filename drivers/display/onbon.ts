// Onbon BX-5/BX-6 (仰邦) font-card protocol, pure: frames, CRC, escaping, the commands we send
// (ping A2 00, clear A3 10, brightness A3 02, dynamic-area text A3 06), the controller's ACK
// (A0 00), and a decoder the simulator and tests use.
//
// Frame (HARDWARE.md, checked): A5×8 · dest 2 B LE · source 2 B LE · reserved 4 B · checksum mode
// · display mode · device type (FE any) · protocol version (02) · data length 2 B LE · data ·
// CRC-16/ARC 2 B LE over dest … end of data · 5A. Between preamble and trailer A5/A6/5A/5B are
// escaped as A6 02 / A6 01 / 5B 02 / 5B 01.
//
// Where each A3 06 field comes from (no Onbon PDF was at hand):
//  [P] a Python "LED通讯" class (package app_tools_zxw, SDK_硬件读写) found by code search: byte order
//      A3 06 · reply 01 · process mode (1 = clear and re-init the area) · 00 · delete-area count ·
//      area count · area data length 2 B LE · area type 00 · X · Y · W · H (2 B LE each) · area id ·
//      line spacing · run mode (0 loop … 5) · timeout 2 B · voice 00 · extension count 00 ·
//      alignment (bits 0–1 left/right/centre, bits 2–3 top/bottom/centre) · single line 01 / multi
//      line 02 · auto wrap 01 no / 02 yes · effect (01 static, 02 quick type, 03 move left, 04 right,
//      05 up, 06 down) · exit mode · speed · hold time · text length 4 B LE · GB2312 text with
//      inline \C1 red \C2 green \C3 yellow; brightness A3 02 01 00 00 · mode · level (1–16) · 48 slots.
//  [C] github.com/strongercjd/Onbon-Protocol-Analysis (a frame analyser by an Onbon engineer):
//      the same area fields, that the delete count is followed by that many ids, that voice 00 and
//      extension count 00 mean no voice/extension bytes follow, and that bit 15 of X and W means
//      "pixels" (else units of 8 px) while Y and H are always pixels.
//  [D] deanled.cn's copy of the Onbon font-card manual: a full A3 06 example (128×32,
//      "012345QRSTTV'B") with the same field order — but its printed CRC (A8 7D) does not match its
//      bytes (we compute BD 6F), so it is a layout reference only; and the controller's ACK frame
//      `A5×8 00 80 FE FF 00 00 00 00 00 00 FE 02 05 00 A0 00 00 00 00 14 AC 5A` (CRC checked), i.e.
//      data A0 00 · status · 2 reserved, sent back to the PC's address 0x8000.
//  Not found anywhere public: the code of a *flash* effect. We default to 0x07 and say so; a hall
//  sets `effects.flash` to what its controller manual lists.
export * from './onbon-frame.js';
export * from './onbon-commands.js';
export * from './onbon-decoder.js';
