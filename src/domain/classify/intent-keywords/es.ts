import type { IntentKeywordTable } from './types.ts'

export const SPANISH_INTENT_KEYWORDS: IntentKeywordTable = {
  'where-is-my-order': {
    strong: [
      'dónde está mi pedido', 'dónde está mi paquete', 'dónde está .. pedido', 'dónde está .. paquete',
      'estado de mi pedido', 'estado del pedido', 'número de seguimiento', 'seguimiento', 'rastrear', 'rastreo',
      'cuándo llega', 'cuándo llegará', 'cuándo .. llegar*', 'ha sido enviado', 'fue enviado', 'ya fue enviado',
      'ya se envió', 'cuándo .. envi*', 'noticias .. pedido', 'noticias .. paquete', 'salió del almacén', 'ya salió', 'ha salido', 'todavía no .. enviad*', 'cuándo .. entrega*', 'novedades de mi pedido',
    ],
    hint: ['enviad*', 'cuándo .. recibir*', 'tracking'],
  },
  'delivery-delay': {
    strong: [
      'retras*', 'estaba prevista', 'estaba previsto', 'llega tarde', 'llegó tarde', 'con retraso', 'demora*', 'debía llegar', 'debería haber llegado',
      'tenía que llegar', 'todavía no ha llegado', 'aún no ha llegado',
      'fecha de entrega .. pasado', 'fecha .. pasó', 'pasó la fecha', 'fecha prevista', 'tarda demasiado', 'mucho tiempo',
    ],
    medium: ['sigo esperando', 'llevo .. esperando', 'parado .. desde', 'atascad*', 'sin movimiento'],
    hint: ['esperando', 'semanas', 'desde hace .. días', 'desde hace .. semanas'],
  },
  'not-received': {
    strong: [
      'no he recibido', 'no recibí', 'nunca recibí', 'nunca llegó', 'no me ha llegado', 'no me llegó', 'no llegó',
      'marcado como entregado', 'aparece como entregado', 'figura como entregado', 'pone entregado', 'entregado pero', 'aunque .. entregado',
      'paquete perdido', 'perdido', 'robado', 'no lo he recibido', 'no recibido', 'no he recibido nada',
      'nunca me llegó', 'no ha sido entregado', 'no fue entregado', 'casa equivocada', 'desapareci*', 'entregado a otra', 'entregado a un vecino',
      'dirección equivocada .. entregad*', 'entregad* .. dirección equivocada',
    ],
    hint: ['no ha llegado'],
  },
  'damaged-defective': {
    strong: [
      'dañad*', 'daño*', 'roto', 'rota', 'rotos', 'rotas', 'defectuos*', 'defecto*', 'no funciona', 'no enciende',
      'no se enciende', 'dejó de funcionar', 'rayad*', 'agrietad*', 'abollad*', 'gotea', 'piezas faltantes',
      'falta una pieza', 'faltan piezas', 'estropead*', 'averiad*', 'aplastad*', 'no carga', 'rasgad*', 'se rompió', 'doblad*',
      'mojad*', 'moho', 'caducad*', 'manchad*', 'se bloquea', 'parpade*', 'cojea', 'tambalea', 'cojo', 'dejó de', 'ya abierto', 'estaba abierto', 'medio vacío', 'usado', 'usada', 'rajad*', 'partida', 'quebrad*', 'no responde', 'se apaga',
    ],
    hint: ['calidad'],
  },
  'wrong-item': {
    strong: [
      'artículo equivocado', 'producto equivocado', 'talla equivocada', 'color equivocado', 'modelo equivocado',
      'artículo incorrecto', 'producto incorrecto', 'talla incorrecta', 'no es lo que pedí', 'no es lo que he pedido',
      'no es lo que compré', 'no corresponde', 'otro producto', 'otro artículo', 'producto diferente',
      'artículo diferente', 'color diferente', 'modelo diferente',
    ],
    medium: ['solo vinieron', 'solo llegaron', 'solo llegó', 'solo venían', 'solo había', 'en lugar de', 'en vez de', 'pedí ... llegó', 'llegó ... pedí', 'compré ... llegó', 'llegó ... compré', 'pedí ... recibí', 'recibí ... pedí'],
    hint: ['equivocad*', 'incorrect*', 'diferente'],
  },
  'return-request': {
    strong: [
      'devolver', 'devolverlo', 'devolverla', 'devolverlos', 'devolución', 'devoluciones', 'etiqueta de devolución',
      'cambiarlo', 'cambiarla', 'cambiar por', 'cambiar .. por', 'talla más', 'desistimiento', 'reemplazo', 'sustitución',
    ],
    hint: ['cambio'],
  },
  'refund-status': {
    strong: [
      'reembols*', 'devolución del dinero', 'devolver .. dinero', 'devuelvan .. dinero', 'mi dinero', 'abono',
      'reintegro',
    ],
    medium: ['en mi tarjeta', 'en mi cuenta', 'el dinero'],
    hint: ['dinero', 'cobrad*'],
  },
  'cancel-request': {
    strong: [
      'cancel*', 'anular', 'anulación', 'no enviar', 'no lo envíen', 'pedido por error', 'pedí por error',
      'pedido duplicado', 'pedido dos veces', 'ya no lo necesito', 'ya no necesito',
    ],
  },
  'product-question': {
    strong: [
      'pregunta sobre', 'una pregunta', 'impermeable', 'lavable', 'lavadora', 'cómo se usa', 'cómo funciona', 'disponible', 'hecho de',
      'ingredientes', 'lavavajillas',
    ],
    medium: ['existe en', 'viene en', 'hay en', 'disponible en', 'instrucciones', 'manual', 'material', 'batería', 'baterías', 'pilas', 'incluye', 'incluido', 'incluida'],
    hint: ['garantía', 'pregunta', 'color', 'cuántos', 'cuántas', 'tiene'],
  },
  'size-compatibility': {
    strong: [
      'qué talla', 'cuánto mide', 'qué medidas', 'guía de tallas', 'tabla de tallas', 'medidas', 'dimensiones', 'compatib*', 'queda pequeño',
      'queda grande', 'sirve para', 'funciona con', 'talla .. pequeñ*', 'talla .. grande', 'qué número', 'usar .. con el', 'usar .. con la',
      'vale para',
    ],
    hint: ['talla', 'demasiado pequeñ*', 'demasiado grande*', 'demasiado ajustad*'],
  },
  'invoice-request': {
    strong: ['factura*', 'recibo', 'iva', 'comprobante', 'cif', 'nif'],
  },
  'address-change': {
    strong: [
      'cambiar la dirección', 'cambiar .. dirección', 'modificar .. dirección', 'dirección de envío',
      'dirección de entrega', 'dirección equivocada', 'dirección incorrecta', 'nueva dirección', 'otra dirección',
      'corregir .. dirección', 'cambio de dirección', 'me he mudado', 'me mudé',
    ],
    medium: ['número del piso', 'el piso', 'número de la calle', 'código postal', 'enviar a mi', 'entregar en mi', 'mandar a mi'],
    hint: ['dirección', 'domicilio', 'corregir'],
  },
  'feedback-review': {
    strong: ['reseña*', 'opinión', 'opiniones', 'valoración*', 'valorar', 'comentario*', 'estrellas', 'estrella', 'feedback'],
    medium: ['muy content*', 'muy satisfech*', 'todo perfecto', 'gracias por', 'encantad*'],
    hint: ['recomiendo', 'perfect*'],
  },
}
