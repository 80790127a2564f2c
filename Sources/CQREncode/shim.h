// libqrencode: the QR matrix for the PDF (the thermal printer draws its own QR from ESC/POS).
#include <qrencode.h>
